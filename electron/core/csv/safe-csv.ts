import { stringify, type Options } from 'csv-stringify/sync';
import { stripInvisible } from '../../../shared/text.js';

/**
 * Every CSV file the core writes goes through here, so that opening an export in Excel or
 * WPS never runs what someone typed as a name. A spreadsheet treats a cell that starts with
 * `=`, `+`, `-` or `@` (and a tab or carriage return before one) as a formula:
 * `=HYPERLINK("http://…","点我")` in a member's name would become a live link in the owner's
 * sheet. Following OWASP's CSV-injection advice such a text cell is written with a leading
 * apostrophe, which spreadsheets read as "this is text", and our own imports take it off
 * again (readCsv → unneutraliseCell), so an export imports back unchanged.
 *
 * Numbers stay numbers: JS numbers are not touched, and a text cell that is a plain number
 * (`-12.50` from fenToYuanString, `+8613800138000`, the daily report's `-¥3.00`) is left as
 * it is: digits, one point and a sign cannot call a function, and an amount must stay an
 * amount the sheet can add up. A phone written with spaces (`+86 138 0013 8000`) is not a
 * plain number and is neutralised; stored phones are 11 digits and never start with `+`.
 */

/** Characters that make a spreadsheet read the cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number, optionally signed and with the yuan sign the daily report prints. */
const PLAIN_NUMBER = /^[+-]?[¥￥]?(?:\d+(?:\.\d+)?|\.\d+)$/;
/**
 * Apostrophes already in front of a formula character count too: `'=x` typed by someone is
 * written `''=x`, so that the import, which takes one apostrophe off, gives `'=x` back.
 */
const LEADING_QUOTES = /^'*/;

function needsQuote(text: string): boolean {
  const rest = text.replace(LEADING_QUOTES, '');
  return FORMULA_START.test(rest) && !(rest === text && PLAIN_NUMBER.test(text));
}

/**
 * A text cell as it is written: invisible characters dropped (older rows may hold some from
 * before the contract cleaned text; line breaks stay, the CSV quotes them), then a leading
 * apostrophe if a spreadsheet would run it as a formula.
 */
export function neutraliseCell(text: string): string {
  const clean = stripInvisible(text, true);
  return needsQuote(clean) ? `'${clean}` : clean;
}

/** An imported cell without the apostrophe neutraliseCell put there (only before a formula character). */
export function unneutraliseCell(text: string): string {
  return text.startsWith("'") && needsQuote(text.slice(1)) ? text.slice(1) : text;
}

/** csv-stringify with every text cell neutralised (numbers, booleans and dates as csv-stringify writes them). */
export function safeStringify(records: unknown[][], options: Options = {}): string {
  return stringify(records, { ...options, cast: { ...options.cast, string: (value) => neutraliseCell(value) } });
}
