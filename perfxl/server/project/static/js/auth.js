// perfxl: the Authorization header for xlwings' calls (custom functions, scripts) and perfxl's own.
// Token auth (perfxl serve): the token the user saved in the task pane. Entra ID: xlwings' own flow.
globalThis.getAuth = async function () {
  if (config.authProviders.includes("entraid")) {
    return { token: await xlwings.getAccessToken(), provider: "entraid" };
  }
  if (config.authProviders.includes("token")) {
    return { token: localStorage.getItem("perfxl-token") || "", provider: "token" };
  }
  return { token: "", provider: "" };
};
