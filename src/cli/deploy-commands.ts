/** `npm run deploy-commands`: register every command (one server with DISCORD_GUILD_ID, else globally). */
import { commands } from '../../commands/index.js';
import { ConfigError, loadDotEnv, readConfig } from '../config.js';
import { deployCommands } from '../discord/deploy.js';
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
  console.log(`Registered ${registered.length} commands (${scope}):`);
  for (const command of registered)
    console.log(
      `  ${command.type === 1 ? '/' : ''}${command.name}  ${command.description || '(message menu)'}`,
    );
} catch (error) {
  exitOnStartupError(error);
}
