/* import.c - 导入: a modal flow of prompts (their keys are on each prompt). */
#include "keys.h"
#include "ui_import.h"

const struct screen_def screen_import = {
	.name = "import",
	.ops = &ui_import_ops,
	.title = "导入",
};
