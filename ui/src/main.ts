import { mount } from "svelte";

import App from "./App.svelte";
import "./app.css";
import { mark } from "./lib/timings";

// After the imports: the module is fetched, parsed and its top level has run.
mark("module");

const target = document.getElementById("app");
if (!target) {
  throw new Error("index.html has no #app element");
}

const app = mount(App, { target });
mark("mounted");
export default app;
