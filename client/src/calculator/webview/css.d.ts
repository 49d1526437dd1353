/** esbuild bundles imported stylesheets into calculator.css next to the script. */
declare module '*.css';
