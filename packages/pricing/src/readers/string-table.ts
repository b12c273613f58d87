const CHUNK_BYTES = 1024 * 1024;

/**
 * The workbook's shared strings, kept as UTF-8 in 1 MiB buffers instead of JS strings.
 * Strings cut from the parser's text would each keep their whole decoded XML chunk alive
 * (V8 sliced strings), which made memory grow with the file; this holds the text once,
 * at about half the size of UTF-16, and decodes a string only when a cell asks for it.
 */
export class StringTable {
  private readonly chunks: Buffer[] = [];
  private used = CHUNK_BYTES;
  private chunkOf = new Uint32Array(1024);
  private startOf = new Uint32Array(1024);
  private endOf = new Uint32Array(1024);
  size = 0;

  add(text: string): void {
    const bytes = Buffer.byteLength(text, "utf8");
    if (this.used + bytes > CHUNK_BYTES || this.chunks.length === 0) {
      this.chunks.push(Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes)));
      this.used = 0;
    }
    if (this.size === this.chunkOf.length) this.grow();
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.write(text, this.used, "utf8");
    this.chunkOf[this.size] = chunk;
    this.startOf[this.size] = this.used;
    this.endOf[this.size] = this.used + bytes;
    this.used += bytes;
    this.size++;
  }

  /** The string at `index`, or "" for an index the table does not have. */
  get(index: number): string {
    if (!(index >= 0 && index < this.size)) return "";
    return this.chunks[this.chunkOf[index]!]!.toString("utf8", this.startOf[index], this.endOf[index]);
  }

  private grow(): void {
    const grown = (a: Uint32Array) => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.chunkOf = grown(this.chunkOf);
    this.startOf = grown(this.startOf);
    this.endOf = grown(this.endOf);
  }
}
