-- SLOs over the calendar month (UTC) beside the rolling 7, 28 and 30 days.
ALTER TABLE "Slo" ADD COLUMN "calendarWindow" TEXT;
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_calendarWindow_check" CHECK ("calendarWindow" IS NULL OR "calendarWindow" = 'month');
