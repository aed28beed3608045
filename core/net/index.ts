/** The network model of the emulated world: see README.md. */
export * from './ip4.js';
export * from './context.js';
export * from './link.js';
export * from './segment.js';
export * from './route.js';
export * from './messages.js';
export * from './stack.js';
export * from './packet.js';
export * from './icmp.js';
export * from './socket.js';
export * from './network.js';
export * from './format.js';
export * from './preset.js';
