// Reading a V8 .cpuprofile (the format `node --cpu-prof` writes): self time per function and per package,
// and folded stacks ("a;b;c <samples>") for flame graph tools.

/** Where a frame's code lives: a package of node_modules, one of our libs or apps, or Node itself. */
export function areaOf(url, root) {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  const path = url.replace(/^file:\/\//, '').replace(root, '');
  const match = /^dist\/(libs|apps)\/([^/]+)/.exec(path);
  return match ? `${match[1]}/${match[2]}` : path;
}

function frameName(node, root) {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  return `${functionName || '(anonymous)'} ${areaOf(url, root)}:${lineNumber + 1}`;
}

/** Milliseconds of samples per node id (timeDeltas are the gaps before each sample, in µs). */
function sampleTimes(profile) {
  const times = new Map();
  profile.samples.forEach((id, index) => times.set(id, (times.get(id) ?? 0) + profile.timeDeltas[index] / 1000));
  return times;
}

export function selfTimes(profile, root) {
  const times = sampleTimes(profile);
  const byFunction = new Map();
  const byPackage = new Map();
  let totalMs = 0;
  for (const node of profile.nodes) {
    const ms = times.get(node.id) ?? 0;
    if (!ms) continue;
    totalMs += ms;
    const { functionName, url } = node.callFrame;
    const idle = functionName === '(idle)';
    const pkg = idle ? '(idle)' : functionName === '(garbage collector)' ? '(garbage collector)' : areaOf(url, root);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    if (!idle) byFunction.set(frameName(node, root), (byFunction.get(frameName(node, root)) ?? 0) + ms);
  }
  return { byFunction, byPackage, totalMs };
}

export function folded(profile, root) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const lines = [];
  for (const [id, count] of counts) {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const node = nodes.get(at);
      if (node.callFrame.functionName !== '(root)') stack.push(frameName(node, root).replace(/;/g, ','));
    }
    if (stack.length) lines.push(`${stack.reverse().join(';')} ${count}`);
  }
  return `${lines.join('\n')}\n`;
}
