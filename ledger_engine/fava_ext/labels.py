"""Words of the club's pages: Vietnamese first, English after the slash."""

from __future__ import annotations

STATUS = {
    "active": "Đang vay / active",
    "repaid": "Đã trả hết / repaid",
    "rescheduled": "Đã gia hạn / rescheduled",
    "written-off": "Đã xóa nợ / written off",
}

STATUS_FILTER = {
    "all": "Tất cả / all",
    "open": "Còn dư nợ / open",
    "overdue": "Quá hạn / overdue",
    **STATUS,
}

SORT = {
    "disbursed": "Ngày vay / date disbursed",
    "dpd": "Số ngày quá hạn / days past due",
}

MARK = {
    "paid": "Đã trả / paid",
    "paid-late": "Trả trễ / paid late",
    "overdue": "Quá hạn / overdue",
    "due": "Đến hạn / due",
    "upcoming": "Chưa đến hạn / upcoming",
    "rescheduled": "Chuyển sang lịch gia hạn / moved to new schedule",
    "closed": "Không còn phải trả / not owed",
    "written-off": "Đã xóa nợ / written off",
}

METHOD = {
    "flat": "Lãi tính trên vốn gốc / flat",
    "declining": "Dư nợ giảm dần, trả đều / declining",
    "equal-principal": "Gốc trả đều / equal principal",
    "bullet": "Gốc trả cuối kỳ / bullet",
}

PURPOSE = {
    "livestock": "Chăn nuôi / livestock",
    "crops": "Trồng trọt / crops",
    "trade": "Buôn bán / trade",
}

GENDER = {"F": "Nữ / F", "M": "Nam / M"}

HOUSEHOLD = {"poor": "Nghèo / poor", "near-poor": "Cận nghèo / near-poor", "none": "–"}

T3 = {
    "members": "Số thành viên / members",
    "women": "Tỷ lệ nữ / women",
    "older": "Tỷ lệ người cao tuổi / older ({older_age}+)",
    "younger": "Tỷ lệ người trẻ hơn / younger",
}


def t3_label(key: str, older_age: int) -> str:
    """A T3 line's name, with the plan's age for older members."""
    return T3.get(key, key).format(older_age=older_age)


BUCKET = {
    "current": "trong hạn / current",
    ">365": "> 365",
}


def bucket(name: str | None) -> str:
    """A loan's aging bucket; a closed loan (repaid, written off) has none."""
    return "–" if name is None else BUCKET.get(name, name)


def bucket_of_state(status: str, name: str | None) -> str:
    """The aging column of a loan: a written-off loan is *written off*, never *current*
    (it owes nothing on the books, so its DPD is 0); a repaid one is in no bucket."""
    if status == "written-off":
        return STATUS["written-off"]
    if status == "repaid" or name is None:
        return "–"
    return bucket(name)


BASIS = {
    "recent": "Vay trong 12 tháng qua hoặc còn dư nợ / borrowed in the last year or owing",
    "outstanding": "Còn dư nợ / owing",
    "ever": "Đã từng vay / ever borrowed",
}

AREA = {
    "income": "Tăng thu nhập / income generation",
    "health": "Chăm sóc sức khỏe / health care",
    "home-care": "Chăm sóc tại nhà / home care",
    "self-help": "Tự giúp nhau / self-help",
    "community": "Hỗ trợ cộng đồng / community support",
    "rights": "Bảo vệ quyền lợi / rights protection",
    "communication": "Truyền thông / communication",
    "sports": "Thể dục thể thao / sports",
    "culture": "Văn hóa văn nghệ / culture and arts",
    "mobilisation": "Huy động nguồn lực / resource mobilisation",
}
