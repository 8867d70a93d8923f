// Ink writes only the final frame when CI is set (it reads the variable once, on import). The
// component tests assert on intermediate frames, so they render as on a developer's machine.
process.env.CI = 'false';
