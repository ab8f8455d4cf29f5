/* ui.c - placeholder until the TUI issue lands. */
#include "app.h"

int
ui_main(struct app *app)
{
	(void)app;
	return app_error("录入界面尚未实现");
}
