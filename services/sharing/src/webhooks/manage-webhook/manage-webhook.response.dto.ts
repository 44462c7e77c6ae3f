import { ApiProperty } from '@nestjs/swagger';

export class WebhookCreatedResponse {
  @ApiProperty({ format: 'uri', example: 'https://hr.example.com/hooks/results' })
  url!: string;

  @ApiProperty({ description: 'The signing secret: shown only here' })
  secret!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class LastDeliveryResponse {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'integer', description: "The receiver's HTTP status; 0 when it gave none (timeout, refused connection, bad TLS)" })
  status!: number;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uri' })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: LastDeliveryResponse, nullable: true })
  lastDelivery!: LastDeliveryResponse | null;
}
