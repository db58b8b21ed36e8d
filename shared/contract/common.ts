import { z } from 'zod';

/** Locales the UI ships complete. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** A staff PIN: 4 to 8 digits, typed on the PIN pad. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'pin_format');

/** A short human label (names, titles): trimmed, non-empty, bounded. */
export const Label = (max = 40) => z.string().trim().min(1).max(max);

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
