// perfxl: the 绩效管理 ribbon buttons that run a script on the open workbook (manifest.xml FunctionName).
async function perfxlRun(scriptName, event) {
  const auth = await globalThis.getAuth();
  try {
    await xlwings.runPython({
      auth: auth.token,
      scriptName: scriptName,
      headers: { "Auth-Provider": auth.provider },
    });
  } finally {
    event.completed();
  }
}
try {
  Office.actions.associate("perfxl-validate", (event) => perfxlRun("validate", event));
  Office.actions.associate("perfxl-score", (event) => perfxlRun("score", event));
} catch (e) {
  // Outside Excel (a plain browser) there is no ribbon to bind to.
}
