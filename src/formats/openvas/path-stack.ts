/**
 * Open elements as `a/b/c` paths, each built once when its element opens, so builders can look a
 * path up on every event without joining the stack again.
 */
export class PathStack {
  private readonly paths: string[] = [];

  get depth(): number {
    return this.paths.length;
  }

  /** The innermost open element's path; empty when none is open. */
  get current(): string {
    return this.paths.at(-1) ?? '';
  }

  /** Opens `name` inside the current element and returns its path. */
  push(name: string): string {
    const path = this.paths.length === 0 ? name : `${this.current}/${name}`;
    this.paths.push(path);
    return path;
  }

  /** Closes the innermost element and returns its path. */
  pop(): string {
    return this.paths.pop() ?? '';
  }
}
