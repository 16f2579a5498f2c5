import type { CaseStreamCommand } from '../../domain/case/corrections.js';
import { needsSubject, type OpenedSubject } from '../../domain/case/subject.js';
import type { PersonalData } from '../personal-data/personal-data.js';
import type { Covers } from './area-policy.js';
import type { LoadedCase } from './loaded-case.js';

/** Whether the rules need the subject's date of birth for this command (a correction: for its replacement). */
export function commandNeedsSubject(command: CaseStreamCommand): boolean {
  if (command.type === 'RetractEvents') return false;
  return needsSubject(command.type === 'CorrectEvents' ? command.replacement : command);
}

/**
 * The subject opened for the rules, only for a command that needs it: every other command never
 * touches the key store (the hot path), nor does a case outside the caller's areas (the ruling
 * answers case-not-found without it). Undefined when there is no case yet, or its subject is clear
 * (a log written before sealing: the rules read it as stored).
 */
export async function subjectForRules(personal: PersonalData, caseId: string, command: CaseStreamCommand, loaded: LoadedCase, covers: Covers): Promise<OpenedSubject | undefined> {
  const state = loaded.latest.state;
  if (state === null || !commandNeedsSubject(command) || !covers(state.area)) return undefined;
  return personal.openForDecision(caseId, state.subject);
}
