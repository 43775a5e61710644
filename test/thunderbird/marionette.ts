import { connect, type Socket } from "node:net";

/**
 * A minimal Marionette client (Gecko's remote protocol, built into Thunderbird): length-prefixed
 * JSON packets `len:[0, id, command, params]`, answered `len:[1, id, error, result]`.
 */
export class Marionette {
  #socket: Socket;
  #buffer = Buffer.alloc(0);
  #next = 1;
  #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #hello: Promise<void>;

  private constructor(socket: Socket) {
    this.#socket = socket;
    let greeted: () => void = () => {};
    this.#hello = new Promise((resolve) => {
      greeted = resolve;
    });
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      for (;;) {
        const colon = this.#buffer.indexOf(":");
        if (colon < 0) return;
        const length = Number(this.#buffer.subarray(0, colon).toString());
        if (this.#buffer.length < colon + 1 + length) return;
        const packet = JSON.parse(this.#buffer.subarray(colon + 1, colon + 1 + length).toString());
        this.#buffer = this.#buffer.subarray(colon + 1 + length);
        if (!Array.isArray(packet)) greeted();
        else this.#settle(packet);
      }
    });
    socket.on("error", (error) => {
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
    });
  }

  #settle(packet: unknown[]): void {
    const [, id, error, result] = packet as [number, number, { message?: string } | null, unknown];
    const w = this.#waiting.get(id);
    this.#waiting.delete(id);
    if (error) w?.reject(new Error(`marionette: ${error.message ?? JSON.stringify(error)}`));
    else w?.resolve(result);
  }

  /** Connects to Marionette on loopback, retrying while Thunderbird starts. */
  static async open(port: number, timeoutMs: number): Promise<Marionette> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, "127.0.0.1", () => resolve(s));
          s.once("error", reject);
        });
        const client = new Marionette(socket);
        await client.#hello;
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  /** Sends one command and waits for its answer. */
  send(command: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.#next++;
    const text = JSON.stringify([0, id, command, params]);
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#socket.write(`${Buffer.byteLength(text)}:${text}`);
    });
  }

  close(): void {
    this.#socket.destroy();
  }
}

const unwrap = (result: unknown): unknown =>
  result !== null && typeof result === "object" && "value" in result
    ? (result as { value: unknown }).value
    : result;

/**
 * A PNG of the first Thunderbird window whose title starts with `titlePrefix`, as the screen would
 * show it. Uses the chrome context, where every top-level window is listed, popups too.
 */
export async function screenshotWindow(client: Marionette, titlePrefix: string): Promise<Buffer> {
  const titles: unknown[] = [];
  await client.send("Marionette:SetContext", { value: "chrome" });
  const handles = unwrap(await client.send("WebDriver:GetWindowHandles")) as string[];
  for (const handle of handles) {
    await client.send("WebDriver:SwitchToWindow", { handle, focus: false });
    const title = unwrap(await client.send("WebDriver:GetTitle"));
    titles.push(title);
    if (typeof title !== "string" || !title.startsWith(titlePrefix)) continue;
    const png = unwrap(await client.send("WebDriver:TakeScreenshot", { full: false }));
    return Buffer.from(String(png), "base64");
  }
  throw new Error(`no window titled "${titlePrefix}...": ${JSON.stringify(titles)}`);
}
