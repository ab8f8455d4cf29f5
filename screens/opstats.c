/* opstats.c - 录入统计: each login's keying per day (a box; its keys are on it). */
#include "keys.h"
#include "ui_opstats.h"

const struct screen_def screen_opstats = {
	.name = "opstats",
	.ops = &ui_opstats_ops,
	.title = "录入统计",
};
