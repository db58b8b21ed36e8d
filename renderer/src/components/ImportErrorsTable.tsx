import type { ReactNode } from 'react';

interface ImportError { line: number; reason: string; details?: Record<string, unknown> | undefined }

/** The rows an import refused, by file line and reason in words (every CSV import shows its report this way). */
export function ImportErrorsTable({ errors, caption, lineHeader, reasonHeader, lineLabel, reasonOf }: {
  errors: readonly ImportError[];
  caption: string;
  lineHeader: string;
  reasonHeader: string;
  /** How a line number reads in its row ("第 3 行"); the bare number when omitted. */
  lineLabel?: (line: number) => string;
  reasonOf: (e: ImportError) => ReactNode;
}) {
  if (!errors.length) return null;
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{lineHeader}</th>
            <th scope="col">{reasonHeader}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.line}-${i}`}>
              <th scope="row" className="num">{lineLabel ? lineLabel(e.line) : e.line}</th>
              <td>{reasonOf(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
