/** The slice of jsreport 4's API the office uses (the packages ship no types). */
declare module '@jsreport/jsreport-core' {
  interface RenderRequest {
    template: { content: string; engine: 'handlebars' | 'none'; recipe: 'html' };
    data?: unknown;
  }
  interface RenderResponse {
    output: { getBuffer(): Promise<Buffer> };
  }
  export interface Reporter {
    use(extension: unknown): Reporter;
    init(): Promise<Reporter>;
    render(request: RenderRequest): Promise<RenderResponse>;
    close(): Promise<void>;
  }
  export default function JsReport(options?: Record<string, unknown>): Reporter;
}
declare module '@jsreport/jsreport-handlebars' {
  export default function handlebars(options?: Record<string, unknown>): unknown;
}
