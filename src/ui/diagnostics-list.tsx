import type { Diagnostic } from '../rcml/types.ts';

/** `line L, column C: [code] message`; a diagnostic without a position (line 0) reads `[code] message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `line ${d.line}, column ${d.column}: ` : '';
  return `${where}[${d.code}] ${d.message}`;
}

export function DiagnosticsList({
  diagnostics,
  label = 'Diagnostics',
}: {
  diagnostics: Diagnostic[];
  label?: string;
}) {
  return (
    <ul aria-label={label} className="diagnostics">
      {diagnostics.map((d, index) => (
        <li key={index} className={`diagnostic diagnostic-${d.severity}`}>
          <span className="severity">{d.severity}</span> {formatDiagnostic(d)}
        </li>
      ))}
    </ul>
  );
}
