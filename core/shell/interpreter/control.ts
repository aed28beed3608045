/** Control flow of the shell language, carried by exceptions through the interpreter's recursion. */

export class BreakLoop {
  constructor(public levels: number) {}
}

export class ContinueLoop {
  constructor(public levels: number) {}
}

export class ReturnFromFunction {
  constructor(readonly status: number) {}
}

/** `exit`, or a fatal error in a non-interactive shell. */
export class ShellExit {
  constructor(readonly status: number) {}
}

/** An error bash reports and then abandons the current command (e.g. a bad substitution). */
export class ShellError {
  constructor(
    readonly message: string,
    readonly status = 1,
  ) {}
}
