/* verify.c - 双录核对: a modal flow of prompts (their keys are on each prompt). */
#include "keys.h"
#include "ui_verify.h"

const struct screen_def screen_verify = {
	.name = "verify",
	.ops = &ui_verify_ops,
	.title = "双录核对",
};
