export const str = (max = 500) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
export const nullableStr = (max = 500) => ({ type: ['string', 'null'], maxLength: max }) as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const kind = { type: 'string', enum: ['education', 'employer', 'immigration'] } as const;

export const componentsSchema = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['skill', 'score'],
    properties: { skill: str(100), score: { type: 'number' } },
  },
} as const;

export const resultDetailsProperties = {
  qualification: str(200),
  cefrLevel: str(100),
  overallScore: { type: 'number' },
  grade: str(50),
  components: componentsSchema,
  examDate: date,
} as const;

/** A result as issued to its candidate: its details and the code printed on the Statement of Results. */
export const issuedResultSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(resultDetailsProperties), 'verificationCode'],
  properties: { ...resultDetailsProperties, verificationCode: str(100) },
} as const;

export interface ResultDetails {
  qualification: string;
  cefrLevel: string;
  overallScore: number;
  grade: string;
  components: { skill: string; score: number }[];
  examDate: string;
}

/** The fields of a result an exam centre may amend, each with its new value (at least one). */
export interface ResultChangesV1 {
  overallScore?: number;
  grade?: string;
  cefrLevel?: string;
  components?: { skill: string; score: number }[];
}

export const resultChangesSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    overallScore: resultDetailsProperties.overallScore,
    grade: resultDetailsProperties.grade,
    cefrLevel: resultDetailsProperties.cefrLevel,
    components: componentsSchema,
  },
} as const;
