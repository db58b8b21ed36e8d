import { z } from 'zod';
import { fieldMessage } from '../i18n/errors.js';

/**
 * Form field schemas shared by the renderer's forms. They mirror the contract's rules
 * (shared/contract/common.ts) but carry translatable messages (see i18n/errors.ts).
 */
const required = fieldMessage('validation.required');
export const tooLong = (max: number) => fieldMessage('validation.tooLong', { max });

/** A staff PIN as the core accepts it: 4 to 8 digits. */
export const pinField = z.string().regex(/^\d{4,8}$/, fieldMessage('validation.pinFormat'));

/** A trimmed, non-empty label of at most `max` characters (names). */
export const nameField = (max: number) => z.string().trim().min(1, required).max(max, tooLong(max));

/** Free text of at most `max` characters (receipt header, footer). */
export const textField = (max: number) => z.string().trim().max(max, tooLong(max));

/** The message for a PIN typed twice that does not match (used in each form's refine). */
export const pinsMatch = fieldMessage('validation.pinMismatch');
