"""The Office.js add-in host: xlwings Server with perfxl's functions, scripts, ribbon, task pane and batch
endpoints. `project/` is the xlwings Server project folder (custom_functions, custom_scripts, templates,
static, routers, auth); `perfxl serve` points xlwings Server at it."""
