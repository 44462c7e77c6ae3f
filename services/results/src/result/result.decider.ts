import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import type { EntryState } from '../entry/entry.decider.js';
import { EntryErrors } from '../entry/entry.errors.js';
import { resultNotFound, resultWithdrawn, ResultErrors } from './result.errors.js';
import { type CurrentDetails, type PublishedResult, type ResultChanges, type ResultEvent } from './result.events.js';

export type ResultCommand =
  | {
      type: 'PublishResult';
      /** The entry the result is for, as its stream says now. */
      entry: EntryState;
      data: Omit<PublishedResult, 'entryId' | 'idNumber' | 'candidate'> & { idNumber: string };
    }
  | { type: 'AmendResult'; resultId: string; reason: string; proposed: ResultChanges; at: string }
  | { type: 'WithdrawResult'; resultId: string; reason: string; at: string };

/** One amendment as the result's history shows it. */
export interface AmendmentEntry {
  at: string;
  reason: string;
  changes: ResultChanges;
}

export type ResultState =
  | { status: 'none' }
  | {
      status: 'published' | 'withdrawn';
      /** The current version (amendments applied). */
      result: PublishedResult;
      amendments: AmendmentEntry[];
      withdrawal: { at: string; reason: string } | null;
    };

type Components = PublishedResult['components'];

function refuseDuplicateSkills(components: Components): void {
  const skills = components.map((c) => c.skill.toLowerCase());
  if (new Set(skills).size !== skills.length) {
    throw new DomainError('invalid', ResultErrors.DUPLICATE_SKILL, 'Each skill may appear only once in components.');
  }
}

/** The same scores for the same skills, whatever their order. */
function sameComponents(a: Components, b: Components): boolean {
  if (a.length !== b.length) return false;
  const scores = new Map(a.map((c) => [c.skill, c.score]));
  return b.every((c) => scores.get(c.skill) === c.score);
}

/** The proposed fields that differ from the current version (a field equal to its current value is no change). */
export function changesOf(current: PublishedResult, proposed: ResultChanges): ResultChanges {
  const changes: ResultChanges = {};
  if (proposed.overallScore !== undefined && proposed.overallScore !== current.overallScore) changes.overallScore = proposed.overallScore;
  if (proposed.grade !== undefined && proposed.grade !== current.grade) changes.grade = proposed.grade;
  if (proposed.cefrLevel !== undefined && proposed.cefrLevel !== current.cefrLevel) changes.cefrLevel = proposed.cefrLevel;
  if (proposed.components !== undefined && !sameComponents(current.components, proposed.components)) {
    changes.components = proposed.components.map((c) => ({ skill: c.skill, score: c.score }));
  }
  return changes;
}

const currentDetails = (r: PublishedResult): CurrentDetails => ({
  qualification: r.qualification,
  cefrLevel: r.cefrLevel,
  overallScore: r.overallScore,
  grade: r.grade,
  components: r.components,
  examDate: r.examDate,
  verificationCode: r.verificationCode,
});

/**
 * A result is published once, for an existing entry, with a sane score and components; the exam
 * centre may then amend it (at least one field really changes, never once withdrawn) and withdraw
 * it (once: a second withdrawal changes nothing).
 */
export const resultDecider: Decider<ResultCommand, ResultEvent, ResultState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'PublishResult': {
        if (state.status !== 'none') throw new DomainError('conflict', ResultErrors.EXISTS, 'This result is already published.');
        const { entry, data } = command;
        if (entry.status !== 'entered') {
          throw new DomainError('not-found', EntryErrors.NOT_FOUND, `No candidate is entered with ID Number ${data.idNumber}.`);
        }
        refuseDuplicateSkills(data.components);
        return [
          {
            type: 'ResultPublished',
            data: {
              ...data,
              entryId: entry.entryId,
              idNumber: entry.idNumber,
              candidate: { name: entry.name, dateOfBirth: entry.dateOfBirth },
            },
          },
        ];
      }
      case 'AmendResult': {
        if (state.status === 'none') throw resultNotFound();
        if (state.withdrawal) throw resultWithdrawn(state.withdrawal.at, 'it can no longer be amended');
        if (command.proposed.components) refuseDuplicateSkills(command.proposed.components);
        const changes = changesOf(state.result, command.proposed);
        if (Object.keys(changes).length === 0) {
          throw new DomainError(
            'unprocessable',
            ResultErrors.NO_CHANGE,
            'Nothing to amend: give at least one of overallScore, grade, cefrLevel or components with a value different from the current one.',
          );
        }
        const current = currentDetails({ ...state.result, ...changes });
        return [{ type: 'ResultAmended', data: { resultId: command.resultId, amendedAt: command.at, reason: command.reason, changes, current } }];
      }
      case 'WithdrawResult': {
        if (state.status === 'none') throw resultNotFound();
        if (state.withdrawal) return [];
        return [{ type: 'ResultWithdrawn', data: { resultId: command.resultId, withdrawnAt: command.at, reason: command.reason } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${String((unknown as { type: unknown }).type)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ResultPublished':
        return { status: 'published', result: event.data, amendments: [], withdrawal: null };
      case 'ResultAmended': {
        if (state.status === 'none') return state;
        const { current, amendedAt, reason, changes } = event.data;
        const { verificationCode: _code, ...details } = current;
        return { ...state, result: { ...state.result, ...details }, amendments: [...state.amendments, { at: amendedAt, reason, changes }] };
      }
      case 'ResultWithdrawn':
        if (state.status === 'none') return state;
        return { ...state, status: 'withdrawn', withdrawal: { at: event.data.withdrawnAt, reason: event.data.reason } };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${String((unknown as { type: unknown }).type)}`);
      }
    }
  },
};
