import { serve, type ServeHandle, type ServeOptions } from '../serve/index.js';
import { sampleBlogNdjson } from './sample-blog.js';

/*
 * The embedded server behind `livetail demo`: the sample blog, served on a free local port.
 * Defaults: the first DEMO_BACKLOG events (the blog and the first entries) at once, so the
 * screen is full from the start, then the story at DEMO_SPEED times real time, moved to end now (its gaps of
 * 4 to 13 minutes become about 2 to 5 seconds; the whole story takes about 100 s).
 */

export const DEMO_SPEED = 150;
export const DEMO_BACKLOG = 8;

export type DemoOptions = Omit<ServeOptions, 'input' | 'lines' | 'stdin'>;

export function serveDemo(options: DemoOptions = {}): Promise<ServeHandle> {
  return serve({
    ...options,
    lines: sampleBlogNdjson(undefined, Date.now()),
    speed: options.speed ?? DEMO_SPEED,
    backlog: options.backlog ?? DEMO_BACKLOG,
  });
}
