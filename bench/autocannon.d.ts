/** The part of autocannon 8's API the HTTP benchmark uses (the package ships no types). */
declare module 'autocannon' {
  type Histogram = { average: number; p50: number; p99: number; total: number };
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: (Request & { setupRequest?: (request: Request) => Request })[];
  };
  export type Result = { requests: Histogram; latency: Histogram; duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
