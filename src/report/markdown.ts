/**
 * The report as Markdown (`summary.md`), for pasting into documents: the summary, links
 * to the chart images, and the same tables as the HTML page. Every string is escaped, so
 * names carrying Markdown or HTML render as the text they are.
 */
import { escapeMarkdown, escapeMarkdownBlock } from './escape.ts';
import type { Report, ReportTable } from './model.ts';

export function renderMarkdown(report: Report): string {
  const m = escapeMarkdown;
  const out: string[] = [`# ${m(report.title)}`, ''];
  if (report.question) out.push(`**Question:** ${m(report.question)}`, '');
  if (report.description) out.push(escapeMarkdownBlock(report.description), '');
  out.push(`*${m(report.facts)}*`, '', '## Summary', '', ...report.summary.map((s) => `- ${escapeMarkdownBlock(s)}`), '');
  if (report.charts.length > 0) {
    out.push('## Charts', '');
    // Chart ids are fixed file stems (lower-case words and hyphens), safe in a link target.
    for (const c of report.charts) out.push(`### ${m(c.title)}`, '', `![${m(c.title)}](${c.id}.png)`, '', escapeMarkdownBlock(c.caption), '');
  }
  if (report.tables.length > 0) out.push('## Tables', '', ...report.tables.map(markdownTable));
  return `${out.join('\n').trimEnd()}\n`;
}

function markdownTable(t: ReportTable): string {
  const m = escapeMarkdown;
  const row = (cells: string[]) => `| ${cells.map(m).join(' | ')} |`;
  const lines = [`### ${m(t.title)}`, '', row(t.columns), `| ${t.columns.map((_, i) => (i === 0 ? ':--' : '--:')).join(' | ')} |`, ...t.rows.map(row), ''];
  if (t.note) lines.push(escapeMarkdownBlock(t.note), '');
  return lines.join('\n');
}
