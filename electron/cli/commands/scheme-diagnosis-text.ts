import type { SchemeDiagnosis } from '../../../shared/signatures/scheme.js';

/** A scheme's diagnosis as `hookbench verify` prints it: the verdict first, then what a user needs to act. */
export function formatSchemeDiagnosis(diagnosis: SchemeDiagnosis): string {
  if (diagnosis.verdict === 'valid') {
    const valid = [`valid`, `scheme: ${diagnosis.scheme}`];
    if (diagnosis.cause !== null) valid.push(`note: ${diagnosis.reason}`, `fix: ${diagnosis.fix}`);
    return `${valid.join('\n')}\n`;
  }
  const { signedString, signatureDifference, bodyDifference } = diagnosis;
  const lines = [
    `${diagnosis.verdict}: ${diagnosis.cause}`,
    `scheme: ${diagnosis.scheme}`,
    `reason: ${diagnosis.reason}`,
    `fix: ${diagnosis.fix}`,
  ];
  if (signedString !== null) lines.push(`signed: ${signedString.preview} (${signedString.length} bytes)`);
  if (diagnosis.expected !== null) lines.push(`expected: ${diagnosis.expected}`);
  if (diagnosis.receivedSignature !== null) lines.push(`received: ${diagnosis.receivedSignature}`);
  // "expected: " and "received: " are both 10 wide, so the caret sits under the first differing character.
  if (signatureDifference && diagnosis.expected !== null && diagnosis.receivedSignature !== null) {
    lines.push(`${' '.repeat(10 + signatureDifference.offset)}^ first difference (character ${signatureDifference.offset})`);
  }
  if (diagnosis.received !== null && diagnosis.received !== diagnosis.receivedSignature)
    lines.push(`header as received: ${diagnosis.received}`);
  if (bodyDifference) {
    lines.push(
      `body vs JSON.stringify(JSON.parse(body)), first difference at byte ${bodyDifference.offset}:`,
      `  raw:          ${bodyDifference.raw}`,
      `  reserialized: ${bodyDifference.reserialized}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
