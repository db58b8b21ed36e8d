import { z } from 'zod';
import { cleanLine, cleanText, hasInvisible } from '../text.js';

/** Locales the UI ships complete. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** A staff PIN: 4 to 8 digits, typed on the PIN pad. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'pin_format');

/*
 * Free text and identifiers (see shared/text.ts for what counts as invisible). Free text is
 * cleaned, not refused: a cashier who pasted a name with a zero-width space or a stray tab
 * expects it saved as it looks, and an error about characters nobody can see could not be
 * acted on. Identifiers (SKUs, barcodes, phones, paths, client refs) are refused instead:
 * there a hidden character means the value is not the one the person thinks it is, and
 * silently changing a key would save it under a different key. Lookups (search boxes,
 * scanned codes) are cleaned like free text: they store nothing, and a scanner's stray
 * control character should still find the product. Every call's text goes through one of
 * these; contract-text.test.ts checks that no input string is left out.
 */

/** One line of free text (names, titles, search): invisible characters removed, tabs and line breaks as spaces, trimmed; may be empty. */
export const Line = (max: number) => z.string().overwrite(cleanLine).max(max);

/** Free text over several lines (notes, reasons, complaints, receipt header): as Line, but line breaks stay (`\n`). */
export const Text = (max: number) => z.string().overwrite(cleanText).max(max);

/** A short human label (names, titles): a non-empty Line. */
export const Label = (max = 40) => Line(max).min(1);

/** The message of the issue an identifier with an invisible character fails with; the page shows validation.controlChars. */
export const CONTROL_CHARS = 'control_chars';

/** An identifier typed or scanned: trimmed (a scanner's Enter or Tab), refused with any other invisible character. */
export const Ident = (max: number) => z.string().trim().max(max).refine((v) => !hasInvisible(v), CONTROL_CHARS);

/** The till's own key for a write it may retry (a UUID): taken exactly as sent, never trimmed, refused with an invisible character. */
export const ClientRef = z.string().min(8).max(64).refine((v) => !hasInvisible(v), CONTROL_CHARS);

export const Id = z.number().int().positive();

/** Offset paging for lists that the UI virtualises; limit is capped so no call loads a whole table. */
export const PageInput = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().min(0) });
}

/** A file the page uploads (CSV imports), base64-encoded; anything else is refused before decoding. */
export const Base64File = (maxChars: number) => z.string().max(maxChars).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** Local date-time as the shop sees it: `YYYY-MM-DDTHH:mm:ss`. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
/** Local calendar date: `YYYY-MM-DD`. */
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
