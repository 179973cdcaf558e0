/**
 * An optional CPU profile of the extension host while a test runs (set SOURCE_RESEARCH_CPU_PROFILE
 * to a file path): written as a .cpuprofile that Chrome DevTools or VS Code opens. For finding where
 * a host stall goes; tests never read it.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';

export async function withCpuProfile<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const target = process.env.SOURCE_RESEARCH_CPU_PROFILE;
  if (!target) return fn();
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as R))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    await writeFile(`${target}.${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}
