import { ParseUUIDPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import type { Organisation } from './organisation.decider.js';
import { organisationNotFound } from './organisation.errors.js';
import { ORGANISATION_KINDS } from './organisation.events.js';

const UUID = { type: 'string', format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' } as const;
export const ORGANISATION_ID_PARAM = { name: 'organisationId', schema: UUID } as const;
export const RECIPIENT_ID_PARAM = { name: 'recipientId', schema: UUID } as const;

/** The organisation id of the path: anything but a UUID names no organisation (404). */
export const organisationIdPipe = () => new ParseUUIDPipe({ exceptionFactory: () => organisationNotFound('with this id') });

export class RecipientAccountResponse implements Http.RecipientAccount {
  @ApiProperty({ format: 'uuid' })
  recipientId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Faculty of Law', description: "null for the organisation's main account" })
  department!: string | null;

  @ApiProperty({ description: 'An inactive account is not in search and refuses new shares; the shares it holds stay readable.' })
  active!: boolean;
}

export class OrganisationResponse implements Http.Organisation {
  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 'Waseda University' })
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: Http.OrganisationKind;

  @ApiProperty({ example: 'Japan' })
  country!: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://www.waseda.jp/' })
  website!: string | null;

  @ApiProperty({ type: [String], example: ['早稲田大学'], description: 'Other names search also finds' })
  aliases!: string[];

  @ApiProperty({ description: 'false while an organisation that came from an invitation waits for the operator’s approval (not in search)' })
  approved!: boolean;

  @ApiProperty({ type: [RecipientAccountResponse], description: 'Every account, inactive ones included, in the order they were added' })
  accounts!: RecipientAccountResponse[];
}

export class OrganisationsResponse implements Http.Organisations {
  @ApiProperty({ type: [OrganisationResponse], description: 'Newest first, at most 200' })
  items!: OrganisationResponse[];
}

/** An organisation as the operator's routes answer it (without its e-mail and first user). */
export const organisationAnswer = (o: Organisation): Http.Organisation => ({
  organisationId: o.organisationId,
  name: o.name,
  kind: o.kind,
  country: o.country,
  website: o.website,
  aliases: [...o.aliases],
  approved: o.approved,
  accounts: o.accounts.map((a) => ({ recipientId: a.recipientId, department: a.department, active: a.active })),
});
