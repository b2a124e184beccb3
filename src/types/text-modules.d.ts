/** Text modules: wrangler and the Workers test pool import `*.txt` files as strings (the index data). */
declare module '*.txt' {
  const text: string;
  export default text;
}
