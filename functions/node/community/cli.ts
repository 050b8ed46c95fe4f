import { RegistryError } from '../../communities/registry';
import { CliError, type Env, EXIT_USAGE, type Output } from '../cli-support';
import { registryPath } from './registry-file';

const text = (values: Record<string, string | boolean | undefined>, key: string) =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined;

/** `community <subcommand>`: loads only the subcommand's module. */
export async function communityCommand(
  subcommand: string,
  values: Record<string, string | boolean | undefined>,
  env: Env,
  output: Output,
): Promise<number> {
  const registry = registryPath(env);
  try {
    switch (subcommand) {
      case 'add': {
        const host = text(values, 'host');
        const name = text(values, 'name');
        if (!host || !name)
          throw new CliError(
            '请用 --host 给出主机名、--name 给出社区名称。(--host and --name are required)',
            EXIT_USAGE,
          );
        const { addCommunity } = await import('./commands');
        return await addCommunity(
          registry,
          {
            host,
            name,
            databaseUrl: text(values, 'database-url'),
            authTokenVar: text(values, 'auth-token-var'),
            demo: values.demo === true,
          },
          env,
          output,
        );
      }
      case 'list':
        return await (await import('./commands')).listCommunities(registry, env, output);
      case 'migrate-all':
        return await (await import('./commands')).migrateAll(registry, env, output);
      case 'build-all': {
        const only = text(values, 'host');
        const { buildAll } = await import('./build-all');
        return await buildAll(registry, env, output, only ? { only: [only] } : {});
      }
      default:
        throw new CliError(
          `未知的子命令：${subcommand}（add、list、migrate-all、build-all）(unknown subcommand)`,
          EXIT_USAGE,
        );
    }
  } catch (error) {
    if (error instanceof RegistryError)
      throw new CliError(`注册表有误 (bad registry) ${error.message}`);
    throw error;
  }
}
