"use client";

import { keepValuesOnSubmit } from "@/components/ui/use-keep-values";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { createUserAction } from "@/lib/access/actions";

export function CreateUserForm({ teams }: { teams: Array<{ slug: string; name: string }> }) {
  const [state, action, pending] = useActionState(createUserAction, { status: "idle" });
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="grid grid-cols-1 gap-4">
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && !errors ? <Alert tone="danger">{state.message}</Alert> : null}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field label="Email" errors={errors?.email}>
          <Input name="email" type="email" required />
        </Field>
        <Field label="Name" errors={errors?.name}>
          <Input name="name" />
        </Field>
        <Field label="Role" errors={errors?.role}>
          <Select name="role" defaultValue="engineer">
            <option value="engineer">Engineer</option>
            <option value="platform">Platform</option>
            <option value="leadership">Leadership</option>
          </Select>
        </Field>
        <Field label="Team" errors={errors?.team}>
          <Select name="team" defaultValue="">
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Initial password" errors={errors?.password} hint="At least 10 characters; share it privately">
          <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Create or update user"}
        </Button>
      </div>
    </form>
  );
}
