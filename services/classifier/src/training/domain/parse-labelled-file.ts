import { parse } from 'csv-parse/sync';
import { TrainingExample } from '../../model/domain/text-model';

/**
 * Reads labelled examples from a file's content: CSV with a header naming a `text` column and a
 * `code` (or `intent`, as in the Bitext dataset) column, or JSON Lines of `{ "text", "code" }`.
 * Rows without both are reported by line, never silently dropped. Pure.
 */
export function parseLabelledFile(content: string, format: 'csv' | 'jsonl'): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const problems: string[] = [];
  if (format === 'csv') {
    const rows = parse(content, { columns: true, skip_empty_lines: true, trim: true }) as Array<
      Record<string, string>
    >;
    rows.forEach((row, index) => {
      const text = row.text;
      const code = row.code ?? row.intent;
      if (text && code) examples.push({ text, code });
      else problems.push(`row ${index + 2}: needs text and code (or intent)`);
    });
  } else {
    content.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const { text, code } = JSON.parse(line) as { text?: unknown; code?: unknown };
        if (typeof text === 'string' && text && typeof code === 'string' && code)
          examples.push({ text, code });
        else problems.push(`line ${index + 1}: needs string text and code`);
      } catch {
        problems.push(`line ${index + 1}: not JSON`);
      }
    });
  }
  if (problems.length > 0) {
    throw new Error(`${problems.length} bad rows, e.g. ${problems.slice(0, 5).join('; ')}`);
  }
  return examples;
}
