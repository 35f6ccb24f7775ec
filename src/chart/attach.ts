/**
 * Pictures put on a rendered reply: the chart drawn (or taken from the cache) and sent as files
 * with the first message, the first picture shown in its first embed, every one with its alt text.
 */
import type { PayloadFile, Rendered } from '../render/payload.js';
import { drawCharts, isDrawn } from './draw.js';
import type { FiguresChart } from './figures.js';

/**
 * The reply with its pictures; if they cannot be drawn, the reply as it is (its text says every
 * figure), and `failed` is told why.
 */
export async function withPictures(
  rendered: Rendered,
  chart: FiguresChart | undefined,
  failed: (error: unknown) => void,
): Promise<Rendered> {
  if (!chart) return rendered;
  try {
    const files = await pictureFiles(chart);
    return { ...rendered, messages: rendered.messages.map((m, i) => (i === 0 ? withFiles(m, files) : m)) };
  } catch (error) {
    failed(error);
    return rendered;
  }
}

/** The chart's pictures as files to send or write, drawn at most once. */
export async function pictureFiles(chart: FiguresChart): Promise<PayloadFile[]> {
  return (await drawCharts(chart)).map((f) => ({
    name: f.name,
    data: f.png.data,
    description: f.description,
  }));
}

/** Whether the reply's pictures are ready: if not, drawing them may take a moment, so acknowledge first. */
export function picturesReady(chart: FiguresChart | undefined): boolean {
  return !chart || isDrawn(chart);
}

/** The first picture in the reply's embed, each other one in an embed of its own under it, in order. */
function withFiles(
  message: Rendered['messages'][number],
  files: PayloadFile[],
): Rendered['messages'][number] {
  const [first, ...rest] = message.embeds ?? [];
  const [shown, ...more] = files;
  if (!first || !shown) return { ...message, files };
  const picture = (file: PayloadFile) => ({ url: `attachment://${file.name}` });
  return {
    ...message,
    files,
    embeds: [
      { ...first, image: picture(shown) },
      ...rest,
      ...more.map((file) => ({
        ...(first.color === undefined ? {} : { color: first.color }),
        image: picture(file),
      })),
    ],
  };
}
