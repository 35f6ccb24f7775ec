/** `npm run deploy-commands`: register every command (one server with DISCORD_GUILD_ID, else globally). */
import { commands } from '../../commands/index.js';
import { ConfigError, loadDotEnv, readConfig } from '../config.js';
import { deployCommands } from '../discord/deploy.js';
import { hideSecrets } from '../log.js';
import { endOnOutputErrors, exitOnStartupError } from '../startup.js';

endOnOutputErrors();
try {
  loadDotEnv();
  const config = readConfig();
  if (!config.token || !config.clientId) {
    throw new ConfigError(
      'Deploying commands needs DISCORD_TOKEN and DISCORD_CLIENT_ID (the application id); see .env.example.',
    );
  }
  const { scope, registered } = await deployCommands({
    token: config.token,
    clientId: config.clientId,
    guildId: config.guildId,
    apiUrl: config.apiUrl,
    commands,
  });
  const lines = registered.map(
    (command) =>
      `  ${command.type === 1 ? '/' : ''}${command.name}  ${command.description || '(message menu)'}`,
  );
  // The names come back from the API, which could echo anything: the token never goes out.
  process.stdout.write(
    hideSecrets([`Registered ${registered.length} commands (${scope}):`, ...lines, ''].join('\n'), [
      config.token,
    ]),
  );
} catch (error) {
  exitOnStartupError(error, 'register the commands');
}
