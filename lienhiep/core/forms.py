from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from lienhiep.core.access import AnyUser, can_grant_role
from lienhiep.core.choices import VietnameseModelChoiceField
from lienhiep.core.models import Organization, Role, RoleAssignment, User


class MultilineField(forms.CharField):
    r"""Text typed in a textarea, its lines ended by "\n" as stored. Browsers send
    "\r\n": kept as sent, saving a form unchanged would change the text, and its
    history would list a change with the same words before and after."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        if not text:
            return text
        return text.replace("\r\n", "\n").replace("\r", "\n")


class OrganizationForm(forms.ModelForm[Organization]):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "code", "kind", "parent", "address", "email", "phone"]
        field_classes = {"parent": VietnameseModelChoiceField}
        widgets = {"code": forms.TextInput(attrs={"autocapitalize": "characters"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Organization.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class UserForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["username", "full_name", "email", "organization", "position", "phone"]
        field_classes = {"organization": VietnameseModelChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["organization"].required = True
        self.fields["organization"].queryset = Organization.objects.all()  # type: ignore[attr-defined]


class UserCreateForm(UserCreationForm[User]):
    """A new account with its first password, set by the union office."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "organization", "position", "phone")
        field_classes = {"organization": VietnameseModelChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["organization"].required = True
        self.fields["organization"].queryset = Organization.objects.all()  # type: ignore[attr-defined]


class RoleAssignmentForm(forms.ModelForm[RoleAssignment]):
    class Meta:
        model = RoleAssignment
        fields = ["role", "organization"]
        field_classes = {"organization": VietnameseModelChoiceField}

    def __init__(self, *args: Any, actor: AnyUser, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Role.choices if can_grant_role(actor, value)
        ]
        self.fields["organization"].queryset = Organization.objects.all()  # type: ignore[attr-defined]
        self.fields["organization"].initial = user.organization_id


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))], initial=""
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from lienhiep.core.models import OrganizationKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *OrganizationKind.choices]  # type: ignore[attr-defined]


class LoginForm(AuthenticationForm):
    """The stock form, with the autocomplete hints browsers and password managers use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")
