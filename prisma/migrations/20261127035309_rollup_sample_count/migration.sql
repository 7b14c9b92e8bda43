-- AlterTable
ALTER TABLE "SliRollup" ADD COLUMN     "samples" INTEGER NOT NULL DEFAULT 0;
