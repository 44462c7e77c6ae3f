import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { ORGANISATION_KINDS } from '../organisation.events.js';

export class DirectoryMatch implements Http.DirectoryMatch {
  @ApiProperty({ format: 'uuid', description: 'The recipient account to send a result to' })
  recipientId!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation the account belongs to (the operator edits it by this id)' })
  organisationId!: string;

  @ApiProperty({ example: 'Waseda University' })
  organisationName!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Faculty of Law', description: "null for an organisation's main account" })
  department!: string | null;

  @ApiProperty({ example: 'Japan' })
  country!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: Http.OrganisationKind;

  @ApiProperty({ type: String, nullable: true, example: '早稲田大学', description: "The organisation's name in Japanese where the directory has one (shown beside the name), else null" })
  japaneseName!: string | null;
}

export class DirectorySearchResponse implements Http.DirectorySearchResults {
  @ApiProperty({ type: [DirectoryMatch], description: 'Best match first' })
  items!: DirectoryMatch[];
}

export const searchLinks = {
  SendResult: {
    operationId: 'sendResult',
    requestBody: { recipientId: '$response.body#/items/0/recipientId', consent: true },
    description: 'The candidate sends a result to the best match.',
  },
};
