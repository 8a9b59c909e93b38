import { type Command, Option } from 'commander';
import type { HeaderPairs } from '../../../shared/inboundflow/headers.js';
import { HMAC_ALGORITHMS } from '../../../shared/signatures/algorithms.js';
import { parseCustomSchemeConfig } from '../../../shared/signatures/custom-config.js';
import { customScheme } from '../../../shared/signatures/custom.js';
import { BUILT_IN_SCHEMES, isSchemeName } from '../../../shared/signatures/registry.js';
import { SCHEME_NAMES, type SignatureScheme } from '../../../shared/signatures/scheme.js';
import { failBadInput } from './command-io.js';

/** The flags `sign` and `verify` share to pick a scheme and describe a custom one. */
export interface SchemeFlags {
  scheme: string;
  header?: string[];
  signatureHeader?: string;
  prefix?: string;
  algorithm?: string;
  encoding?: string;
  template?: string;
  timestampHeader?: string;
  idHeader?: string;
  secretEncoding?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --scheme and -H, first in the help since every other flag depends on the scheme. */
export function addSchemeOption(command: Command, schemeChoices: readonly string[], headerHelp: string): Command {
  return command
    .option('--scheme <name>', `the signature scheme: ${schemeChoices.join(', ')}`, 'inboundflow')
    .option('-H, --header <header>', `${headerHelp} "Name: value" (repeatable)`, collect);
}

/** The flags that describe a custom scheme, in their own help group. */
export function addCustomSchemeOptions(command: Command): Command {
  return command
    .addOption(new Option('--signature-header <name>', 'custom: the header carrying the signature').helpGroup('Custom scheme:'))
    .addOption(new Option('--prefix <text>', 'custom: text before the digest, e.g. "sha256="').helpGroup('Custom scheme:'))
    .addOption(new Option('--algorithm <name>', `custom: ${HMAC_ALGORITHMS.join(', ')} (default sha256)`).helpGroup('Custom scheme:'))
    .addOption(new Option('--encoding <name>', 'custom: hex or base64 (default hex)').helpGroup('Custom scheme:'))
    .addOption(
      new Option(
        '--template <template>',
        'custom: the signed string, over {body} {timestamp} {id} {url} {header:Name} (default {body})',
      ).helpGroup('Custom scheme:'),
    )
    .addOption(new Option('--timestamp-header <name>', 'custom: the header carrying {timestamp}').helpGroup('Custom scheme:'))
    .addOption(new Option('--id-header <name>', 'custom: the header carrying {id}').helpGroup('Custom scheme:'))
    .addOption(
      new Option('--secret-encoding <kind>', 'custom: text, or base64 for whsec_/base64 secrets (default text)').helpGroup(
        'Custom scheme:',
      ),
    );
}

/** The scheme the flags name ('auto' stays for the caller to resolve from headers); bad flags exit 2. */
export function schemeFromFlags(command: Command, flags: SchemeFlags, allowAuto: boolean): SignatureScheme | 'auto' {
  if (flags.scheme === 'auto' && allowAuto) return 'auto';
  if (!isSchemeName(flags.scheme)) {
    const choices = allowAuto ? ['auto', ...SCHEME_NAMES] : SCHEME_NAMES;
    failBadInput(command, `unknown --scheme "${flags.scheme}"; use one of ${choices.join(', ')}`);
  }
  if (flags.scheme !== 'custom') return BUILT_IN_SCHEMES[flags.scheme];
  if (flags.signatureHeader === undefined)
    failBadInput(command, '--scheme custom needs --signature-header (see hookbench ' + command.name() + ' --help)');
  const parsed = parseCustomSchemeConfig({
    header: flags.signatureHeader,
    ...(flags.prefix !== undefined ? { prefix: flags.prefix } : {}),
    ...(flags.algorithm !== undefined ? { algorithm: flags.algorithm.toLowerCase().replace('-', '') } : {}),
    ...(flags.encoding !== undefined ? { encoding: flags.encoding } : {}),
    ...(flags.template !== undefined ? { template: flags.template } : {}),
    ...(flags.timestampHeader !== undefined ? { timestampHeader: flags.timestampHeader } : {}),
    ...(flags.idHeader !== undefined ? { idHeader: flags.idHeader } : {}),
    ...(flags.secretEncoding !== undefined ? { secretEncoding: flags.secretEncoding } : {}),
  });
  if (!parsed.ok) failBadInput(command, parsed.reason);
  return customScheme(parsed.config);
}

/** The custom-only flags given with another scheme: a mistake worth stopping for. */
export function rejectStrayCustomFlags(command: Command, flags: SchemeFlags): void {
  if (flags.scheme === 'custom') return;
  const stray = (
    ['signatureHeader', 'prefix', 'algorithm', 'encoding', 'template', 'timestampHeader', 'idHeader', 'secretEncoding'] as const
  ).find((key) => flags[key] !== undefined);
  if (stray)
    failBadInput(command, `--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} describes a custom scheme; add --scheme custom`);
}

/** `-H "Name: value"` flags as header pairs; a malformed one exits 2. */
export function headersFromFlags(command: Command, values: readonly string[] = []): [string, string][] {
  return values.map((value) => {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/.exec(value);
    if (!match) failBadInput(command, `--header must be "Name: value", got ${JSON.stringify(value)}`);
    return [match[1], match[2]];
  });
}

/** The headers with `name` set to `value`: a shortcut flag (--signature, --timestamp, --id) replaces a -H of that name. */
export function withHeader(headers: HeaderPairs, name: string, value: string): [string, string][] {
  return [
    ...headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase()).map(([key, v]) => [key, v] as [string, string]),
    [name, value],
  ];
}
