import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class WebhookCreatedResponse implements Http.WebhookCreated {
  @ApiProperty({ example: 'https://hr.example.com/hooks/results', description: 'As the server normalised it' })
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

export class WebhookResponse implements Http.Webhook {
  @ApiProperty({ example: 'https://hr.example.com/hooks/results' })
  url!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: LastDeliveryResponse, nullable: true })
  lastDelivery!: LastDeliveryResponse | null;
}
