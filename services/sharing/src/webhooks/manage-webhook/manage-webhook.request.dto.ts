import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class PutWebhookRequest {
  @ApiProperty({ description:
      'Where to POST share events: https on port 443 or 8443, no user name or password, to a public host (loopback, private, link-local, CGNAT, multicast, reserved and local names are refused, also in numeric spellings; checked again after DNS at each delivery).', example: 'https://hr.example.com/hooks/results', minLength: 1, maxLength: 2000, format: 'uri', pattern: '^https://' })
  @IsString({ message: 'url must be a string' })
  @IsNotEmpty({ message: 'url must not be empty' })
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  url!: string;
}
