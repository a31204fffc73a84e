/** One file in a person's copy, as its read-me lists it. */
export interface CopiedFile {
  name: string;
  size: number;
  sha256: string;
  recordingId: string;
}

/**
 * The read-me inside a person's copy, in Dutch and English: the person has no Kluis and reads
 * this first. It names what they got and how to check it is unchanged (B1: both parties hold
 * the same recording), and nothing about anyone else.
 */
export function personCopyReadme(pseudonym: string, files: CopiedFile[], now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const list = files.map((f) => `  ${f.name}\n    ${f.size} bytes, SHA-256 ${f.sha256}`).join('\n');
  return [
    `Kopie van opnames voor ${pseudonym} (${day})`,
    '',
    'U vroeg om een kopie van de opnames waarin u te zien of te horen bent. Deze map bevat die',
    'opnames zoals ze zijn gemaakt. De maker bewaart het origineel tot de afgesproken bewaartermijn',
    'voorbij is, of verwijdert het eerder als u uw toestemming intrekt.',
    'Bewaar deze kopie veilig. Het wachtwoord kreeg u apart; bewaar het niet bij de kopie.',
    'Met de SHA-256-waarden hieronder kunt u nagaan dat een bestand niet is veranderd.',
    '',
    `Copy of recordings for ${pseudonym} (${day})`,
    '',
    'You asked for a copy of the recordings in which you can be seen or heard. This folder holds',
    'them as they were recorded. The maker keeps the original until its agreed retention period',
    'ends, or deletes it sooner if you withdraw your consent.',
    'Keep this copy safe. You were given the password separately; do not keep it with the copy.',
    'The SHA-256 values below show that a file has not been changed.',
    '',
    list,
    '',
  ].join('\n');
}
