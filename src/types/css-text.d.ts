/** Stylesheets imported as text by the web bundles (esbuild's text loader), for the widget's shadow root. */
declare module '*.css' {
  const css: string;
  export default css;
}
