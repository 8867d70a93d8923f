import { serveDemo } from '../demo/serve-demo.js';
import { follow } from './follow.js';
import type { FollowPlan } from './follow-plan.js';

/** `livetail demo`: the sample live blog on a private local server, followed like any feed. */
export async function runDemo(plan: FollowPlan, { speed, loop }: { speed: number | undefined; loop: boolean }): Promise<number> {
  const server = await serveDemo({ port: 0, loop, ...(speed === undefined ? {} : { speed }) });
  try {
    return await follow({ ...plan, feeds: [server.url] });
  } finally {
    await server.close();
  }
}
