import type { Command } from 'commander';
import { createEngine, type EngineInfo } from '../../engine/engine.js';
import { parentGone } from '../../engine/parent-pipe.js';
import { exitWithError } from '../cli-error.js';
import { addEngineOptions, engineConfigFromFlags, type EngineFlags } from '../engine-flags.js';
import { openBrowser, shouldOpenBrowser } from '../open-browser.js';
import { createTunnelStatusPrinter, tunnelBannerLine } from '../../engine/tunnel/tunnel-status-lines.js';

interface ServeFlags extends EngineFlags {
  open: boolean;
}

export function startupBanner(info: EngineInfo): string {
  return [
    `Hookbench ${info.version} is running (data: ${info.dataDir})`,
    `  Inbox UI   ${info.uiUrl}`,
    `  Receiver   ${info.httpUrl}/   ${info.httpsUrl}/   (HTTPS: trust ${info.caCertPath})`,
    `  API        ${info.apiUrl}   (token: ${info.tokenFile ?? 'from HOOKBENCH_API_TOKEN'})`,
    `  Try it     curl -X POST ${info.httpUrl}/ -H 'Content-Type: application/json' -d '{"hello":"world"}'`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

export function registerServeCommand(program: Command): void {
  addEngineOptions(program.command('serve').description('run the engine headless and serve the inbox UI to any browser'))
    .option('--no-open', 'do not open a browser (also: BROWSER=none)')
    .action(async (flags: ServeFlags) => {
      const config = { ...engineConfigFromFlags(flags), launchCommand: 'hookbench serve' };
      const engine = createEngine(config, (line) => process.stderr.write(line + '\n'));
      let info: EngineInfo;
      let parent: Promise<void> | null;
      try {
        parent = parentGone(process.env);
        info = await engine.start();
      } catch (error) {
        exitWithError(error);
      }
      // Listening for signals before the banner: whoever waits for it may signal at once.
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(130); // A second Ctrl+C means now.
        stopping = true;
        process.stdout.write(`\n${signal}: finishing in-flight requests…\n`);
        engine.stop().then(
          () => process.exit(0),
          (error) => exitWithError(error),
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      void parent?.then(() => {
        // The output pipes may have gone with the parent: a failed write must not cut the stop short.
        for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
        stop('the program that started Hookbench is gone');
      });

      process.stdout.write(startupBanner(info) + '\n');
      const tunnelLine = tunnelBannerLine(engine.tunnel.status());
      if (tunnelLine) process.stdout.write(tunnelLine + '\n');
      const printTunnelStatus = createTunnelStatusPrinter((line) => process.stdout.write(line + '\n'));
      engine.events.subscribe((message) => {
        if (message.type === 'tunnel.status') printTunnelStatus(message);
      });
      if (shouldOpenBrowser(flags.open, process.env, process.platform)) openBrowser(info.uiUrl);
    });
}
