/**
 * Control flow that unwinds a program's JavaScript stack: exit(), exec() replacing the program,
 * or a fatal signal. Programs catch SyscallError only; these must pass through untouched.
 */
export class TaskTermination extends Error {
  constructor(
    readonly kind: 'exit' | 'signal',
    /** Exit code for 'exit', signal number for 'signal'. */
    readonly value: number,
    readonly coreDumped = false,
  ) {
    super(kind === 'exit' ? `exit ${value}` : `signal ${value}`);
    this.name = 'TaskTermination';
  }
}

export function isTermination(e: unknown): e is TaskTermination {
  return e instanceof TaskTermination;
}
