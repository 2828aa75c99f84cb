import type { SeatRole } from './seat.ts';

/** Who may send an action; `action()` hands its handler the seat narrowed to these roles. */
export interface ActionOptions<R extends SeatRole = SeatRole> {
  /** Spectators never act. */
  roles: readonly R[];
  /** Only league members (chat): strangers watching a public league's room may not send it. */
  membersOnly?: boolean;
}

/** Managers act for their team; the commissioner for his own (if he has one) and through his own actions. */
export const MANAGERS: ActionOptions<'manager' | 'commissioner'> = { roles: ['manager', 'commissioner'] };
export const COMMISSIONER: ActionOptions<'commissioner'> = { roles: ['commissioner'] };
/** Chat: everyone in the room who is a member of the league (spectating members too). */
export const MEMBERS: ActionOptions = { roles: ['manager', 'commissioner', 'spectator'], membersOnly: true };
