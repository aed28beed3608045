/**
 * hooks.yieldToHost for the core: resolves on a later macrotask (a MessageChannel message, which,
 * unlike setTimeout, is not clamped to 4 ms), so input messages such as Ctrl-C reach a busy world.
 */
export interface MacrotaskYield {
  yieldToHost(): Promise<void>;
  close(): void;
}

export function macrotaskYield(): MacrotaskYield {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return {
    yieldToHost() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        channel.port2.postMessage(0);
      });
    },
    close() {
      channel.port1.close();
      channel.port2.close();
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
