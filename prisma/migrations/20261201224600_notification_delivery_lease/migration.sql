-- AlterTable
ALTER TABLE "NotificationDelivery" ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3);
